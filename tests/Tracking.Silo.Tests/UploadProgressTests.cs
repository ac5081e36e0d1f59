using Microsoft.Extensions.Time.Testing;
using Tracking.Silo.Api;

namespace Tracking.Silo.Tests;

public sealed class UploadProgressTests
{
    [Fact]
    public void An_upload_is_read_then_stored_then_finished_and_reports_out_of_order_keep_the_most_done()
    {
        var progress = new UploadProgress(new FakeTimeProvider());
        var tracker = progress.Start("kim", "upload-1")!;
        Assert.Equal(new UploadStatus("reading", 0, 0), progress.Find("kim", "upload-1"));

        var storing = tracker.Storing(1_000);
        Parallel.For(1, 501, i => storing.Report(i * 2));
        storing.Report(10);
        Assert.Equal(new UploadStatus("storing", 1_000, 1_000), progress.Find("kim", "upload-1"));

        tracker.Finish();
        Assert.Equal("finished", progress.Find("kim", "upload-1")!.Phase);
        Assert.Null(progress.Find("park", "upload-1"));
        Assert.Null(progress.Find("kim", "upload-2"));
    }

    [Fact]
    public void Finished_uploads_are_let_go_after_a_while_and_no_sender_fills_the_room_for_others()
    {
        var time = new FakeTimeProvider();
        var progress = new UploadProgress(time);

        // One sender: at most so many; a finished one makes room for the next, the oldest first.
        var kims = Enumerable.Range(0, UploadProgress.MostPerSender).Select(i => progress.Start("kim", $"upload-{i}")).ToArray();
        Assert.All(kims, Assert.NotNull);
        Assert.Null(progress.Start("kim", "one-too-many"));
        kims[3]!.Finish();
        time.Advance(TimeSpan.FromSeconds(1));
        kims[5]!.Finish();
        Assert.NotNull(progress.Start("kim", "after-3"));
        Assert.Null(progress.Find("kim", "upload-3"));
        Assert.NotNull(progress.Find("kim", "upload-5"));

        // A finished upload is told for a while, then let go.
        time.Advance(UploadProgress.KeptFor / 2);
        Assert.Equal("finished", progress.Find("kim", "upload-5")!.Phase);
        time.Advance(UploadProgress.KeptFor);
        Assert.Null(progress.Find("kim", "upload-5"));
        Assert.NotNull(progress.Find("kim", "upload-0"));

        // Everyone: a finished upload makes room; uploads under way fill it only up to the whole's bound.
        kims[0]!.Finish();
        for (var sender = 0; progress.Start($"officer-{sender}", "upload-0") is not null; sender++)
        {
            Assert.True(sender < UploadProgress.MostTracked);
        }

        Assert.Null(progress.Find("kim", "upload-0"));
        Assert.Null(progress.Start("park", "upload-0"));
        Assert.NotNull(progress.Find("kim", "upload-1"));
    }

    [Theory]
    [InlineData("3f2504e0-4f89-11d3-9a0c-0305e82c3301", true)]
    [InlineData("abcdefgh", true)]
    [InlineData("abcdefg", false)]
    [InlineData("../../../etc/passwd", false)]
    [InlineData("upload id", false)]
    [InlineData("업로드아이디여덟자", false)]
    [InlineData(null, false)]
    public void Ids_are_of_a_uuids_alphabet_and_bounded(string? id, bool valid) => Assert.Equal(valid, UploadProgress.IsId(id));
}
