namespace DiuParibahan.Hosting.Storage;

/// <summary>
/// The host cannot start because something outside the code is wrong (database unreachable, bad connection
/// string, a migration that does not apply). The message is one line naming what is wrong and where, never a
/// password, so it can be shown to an operator as it is.
/// </summary>
public sealed class StartupException : Exception
{
    public StartupException(string message)
        : base(OneLine(message))
    {
    }

    public StartupException(string message, Exception innerException)
        : base(OneLine(message), innerException)
    {
    }

    // Driver messages sometimes span lines; a start-up error should fit one log line.
    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
