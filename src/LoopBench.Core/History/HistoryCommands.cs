using System.Data;
using System.Data.Common;

namespace LoopBench.Core.History;

/// <summary>The history's SQL commands with <c>@name</c> parameters, as both databases accept them.</summary>
internal static class HistoryCommands
{
    /// <summary>Runs <paramref name="sql"/> inside <paramref name="tx"/>.</summary>
    public static void Execute(DbTransaction tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(tx, sql, parameters);
        command.ExecuteNonQuery();
    }

    /// <summary>Runs <paramref name="sql"/> inside <paramref name="tx"/> and returns its one value.</summary>
    public static object? Scalar(DbTransaction tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(tx, sql, parameters);
        return command.ExecuteScalar();
    }

    /// <summary>A command inside <paramref name="tx"/>, its parameters added; the caller disposes it.</summary>
    public static DbCommand Command(DbTransaction tx, string sql, (string Name, object? Value)[] parameters)
    {
        var command = tx.Connection!.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            AddParameter(command, name, value);
        }

        return command;
    }

    /// <summary>
    /// Adds <c>@name</c>; a null is typed as text, since PostgreSQL must know a parameter's type
    /// even where it is only compared with NULL.
    /// </summary>
    public static void AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        if (value is null or string)
        {
            parameter.DbType = DbType.String;
        }

        command.Parameters.Add(parameter);
    }
}
