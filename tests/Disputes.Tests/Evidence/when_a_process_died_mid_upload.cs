using Disputes.Api.Evidence;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Disputes.Tests.Evidence;

/// <summary>
/// An upload is spooled to a temporary file deleted with its request; a process killed mid-upload leaves it behind, so
/// the next start deletes such files once they are old enough that no node can still be receiving them.
/// </summary>
public sealed class when_a_process_died_mid_upload : IDisposable
{
    private readonly string abandoned = Path.Combine(Path.GetTempPath(), $"{ReceivedUpload.FilePrefix}{Guid.NewGuid():N}");
    private readonly string receiving = Path.Combine(Path.GetTempPath(), $"{ReceivedUpload.FilePrefix}{Guid.NewGuid():N}");

    public void Dispose()
    {
        File.Delete(abandoned);
        File.Delete(receiving);
    }

    [Fact]
    public async Task the_next_start_deletes_the_files_it_left_and_keeps_those_still_being_received()
    {
        await File.WriteAllBytesAsync(abandoned, new byte[1024], TestContext.Current.CancellationToken);
        File.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow - AbandonedUploads.OlderThan - TimeSpan.FromMinutes(5));
        await File.WriteAllBytesAsync(receiving, new byte[1024], TestContext.Current.CancellationToken);

        await new AbandonedUploads(NullLogger<AbandonedUploads>.Instance, TimeProvider.System).StartAsync(TestContext.Current.CancellationToken);

        Assert.False(File.Exists(abandoned));
        Assert.True(File.Exists(receiving));
    }
}
