using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace DiuParibahan.Hosting.Events;

/// <summary>How event payloads are written: camelCase, Bangla kept as text rather than \u escapes.</summary>
public static class EventJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };
}
