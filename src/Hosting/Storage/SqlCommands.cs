using System.Data.Common;

namespace DiuParibahan.Hosting.Storage;

/// <summary>Builds parameterised commands the same way for both providers (PostgreSQL and SQLite).</summary>
public static class SqlCommands
{
    public static DbCommand Command(DbConnection connection, string text, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    /// <summary>A command inside <paramref name="transaction"/> (SQLite insists the command names it).</summary>
    public static DbCommand Command(DbTransaction transaction, string text, params (string Name, object? Value)[] parameters)
    {
        var command = Command(transaction.Connection!, text, parameters);
        command.Transaction = transaction;
        return command;
    }
}
