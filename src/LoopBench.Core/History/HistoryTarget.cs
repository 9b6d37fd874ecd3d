using Npgsql;

namespace LoopBench.Core.History;

/// <summary>
/// What a --history (or LOOPBENCH_HISTORY) names: a PostgreSQL connection string when it starts with
/// <c>postgres://</c> or <c>postgresql://</c>, or holds a <c>Host=</c> key (key=value form, any case);
/// otherwise the path of an SQLite file. A file path never starts with a URI scheme, and one
/// holding "Host=" is written as ./Host=… to stay a file.
/// </summary>
internal static class HistoryTarget
{
    /// <summary>The environment variable that names the history when --history is not given.</summary>
    public const string EnvironmentVariable = "LOOPBENCH_HISTORY";

    private static readonly string[] UriSchemes = ["postgres://", "postgresql://"];

    /// <summary>True when <paramref name="spec"/> is a PostgreSQL connection string rather than a file path.</summary>
    public static bool IsPostgres(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (UriSchemes.Any(s => spec.StartsWith(s, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        return !spec.StartsWith("./", StringComparison.Ordinal) && !spec.StartsWith('/')
            && spec.Split(';').Any(part => part.Trim().StartsWith("Host=", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The history to use when none is given: LOOPBENCH_HISTORY, else &lt;results&gt;/history.db.</summary>
    public static string Default(string resultsDirectory = "results") =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } spec ? spec : HistoryStore.DefaultPath(resultsDirectory);

    /// <summary>How messages name the history: the path, or for PostgreSQL user@host:port/database without the password.</summary>
    public static string Describe(string spec)
    {
        if (!IsPostgres(spec))
        {
            return spec;
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(ToKeyValues(spec));
            string user = string.IsNullOrEmpty(builder.Username) ? string.Empty : builder.Username + "@";
            return $"postgresql://{user}{builder.Host}:{builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}/{builder.Database}";
        }
        catch (ArgumentException)
        {
            return "postgresql history (malformed connection string)";
        }
    }

    /// <summary>
    /// Npgsql takes key=value pairs only; a postgres:// URI (libpq's form) is turned into them:
    /// user, password, host, port and database from the URI, each query pair (sslmode=require) as a key.
    /// </summary>
    internal static string ToKeyValues(string spec)
    {
        if (!UriSchemes.Any(s => spec.StartsWith(s, StringComparison.OrdinalIgnoreCase)))
        {
            return spec;
        }

        if (!Uri.TryCreate(spec, UriKind.Absolute, out var uri))
        {
            throw new ArgumentException($"not a valid postgresql:// URI", nameof(spec));
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host };
        if (uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        if (uri.UserInfo.Length > 0)
        {
            string[] user = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(user[0]);
            if (user.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(user[1]);
            }
        }

        string database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (string pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] kv = pair.Split('=', 2);
            string key = Uri.UnescapeDataString(kv[0]);
            builder[key.Equals("sslmode", StringComparison.OrdinalIgnoreCase) ? "SSL Mode" : key] = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : string.Empty;
        }

        return builder.ConnectionString;
    }
}
