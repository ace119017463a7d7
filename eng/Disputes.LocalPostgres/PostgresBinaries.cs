using System.Globalization;

namespace Disputes.LocalPostgres;

/// <summary>Finds the PostgreSQL server binaries (<c>initdb</c>, <c>pg_ctl</c>) installed on this machine.</summary>
public static class PostgresBinaries
{
    /// <summary>Environment variable naming a directory with initdb and pg_ctl; takes precedence over the search.</summary>
    public const string BinDirectoryVariable = "DISPUTES_PG_BIN";

    public const string MissingBinariesMessage =
        "No PostgreSQL server binaries found. Install them (Debian: apt-get install postgresql) or set " +
        "ConnectionStrings:Disputes / DISPUTES_TEST_POSTGRES to an existing server.";

    /// <summary>
    /// The directory holding <c>initdb</c> and <c>pg_ctl</c>: <c>$DISPUTES_PG_BIN</c>, else the highest
    /// <c>/usr/lib/postgresql/*/bin</c>, else the first PATH entry that has both; null when none is found.
    /// </summary>
    public static string? Find() => Find(preferredMajorVersion: null);

    /// <summary>
    /// As <see cref="Find()"/>, but among <c>/usr/lib/postgresql/*/bin</c> the version
    /// <paramref name="preferredMajorVersion"/> (that of an existing cluster) wins over a higher one.
    /// </summary>
    internal static string? Find(int? preferredMajorVersion)
    {
        static bool HasTools(string? directory) =>
            !string.IsNullOrWhiteSpace(directory)
            && File.Exists(Path.Combine(directory, "initdb"))
            && File.Exists(Path.Combine(directory, "pg_ctl"));

        var fromEnvironment = Environment.GetEnvironmentVariable(BinDirectoryVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return HasTools(fromEnvironment) ? Path.GetFullPath(fromEnvironment) : null;
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var versions = Directory.EnumerateDirectories(debianRoot)
                .Select(d => (Directory: Path.Combine(d, "bin"),
                    Version: decimal.TryParse(Path.GetFileName(d), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(x => x.Version >= 0 && HasTools(x.Directory))
                .OrderByDescending(x => x.Version == preferredMajorVersion)
                .ThenByDescending(x => x.Version)
                .ToList();
            if (versions.Count > 0)
            {
                return versions[0].Directory;
            }
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(HasTools);
    }

    /// <summary><see cref="MissingBinariesMessage"/>, saying so when <c>$DISPUTES_PG_BIN</c> names a directory without them.</summary>
    internal static string MissingBinariesDetail()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(BinDirectoryVariable);
        return string.IsNullOrWhiteSpace(fromEnvironment)
            ? MissingBinariesMessage
            : $"{MissingBinariesMessage} ({BinDirectoryVariable}={fromEnvironment} has no initdb and pg_ctl.)";
    }
}
