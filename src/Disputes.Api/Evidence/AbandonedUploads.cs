namespace Disputes.Api.Evidence;

/// <summary>
/// Deletes, when the service starts, the temporary files of uploads that a crashed process left behind: a file is deleted
/// with its request, but a process killed mid-upload never gets there. Only files older than <see cref="OlderThan"/> are
/// taken, so a file another node on the same machine is still receiving stays.
/// </summary>
public sealed class AbandonedUploads(ILogger<AbandonedUploads> logger, TimeProvider time) : IHostedService
{
    /// <summary>How old a temporary upload file must be to count as abandoned; an upload takes seconds, its request at most minutes.</summary>
    public static readonly TimeSpan OlderThan = TimeSpan.FromHours(1);

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow().UtcDateTime - OlderThan;
        var deleted = 0;
        foreach (var path in Directory.EnumerateFiles(Path.GetTempPath(), ReceivedUpload.FilePrefix + "*"))
        {
            try
            {
                if (File.GetLastWriteTimeUtc(path) < before)
                {
                    File.Delete(path);
                    deleted++;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning(e, "Could not delete the abandoned upload file {Path}", path);
            }
        }

        if (deleted > 0)
        {
            logger.LogInformation("Deleted {Count} temporary upload files left by an earlier process", deleted);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
