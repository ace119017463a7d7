namespace Disputes.Api.Hosting;

/// <summary>
/// Where a developer's machine keeps the service's local state: <c>.data/</c> at the repository root (the local
/// PostgreSQL cluster, the development signing key), ignored by git and by the container build.
/// </summary>
public static class LocalData
{
    /// <summary>The <c>.data</c> directory beside <c>Disputes.sln</c>, or under the working directory outside a checkout.</summary>
    public static string Directory { get; } = Path.Combine(RepositoryRoot(), ".data");

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(System.IO.Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Disputes.sln")))
            {
                return directory.FullName;
            }
        }

        return System.IO.Directory.GetCurrentDirectory();
    }
}
