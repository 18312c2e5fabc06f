using System.Text.Encodings.Web;
using System.Text.Json;

namespace DiuParibahan.Hosting.Events;

/// <summary>
/// How event payloads are written: camelCase, Bangla and '+' kept as text rather than \u escapes. Payloads are
/// stored in the database and never embedded in HTML, so the relaxed escaping is safe here.
/// </summary>
public static class EventJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
