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
    public void Finished_uploads_are_let_go_after_a_while_and_at_most_so_many_are_tracked()
    {
        var time = new FakeTimeProvider();
        var progress = new UploadProgress(time);
        var trackers = Enumerable.Range(0, UploadProgress.MostTracked).Select(i => progress.Start("kim", $"upload-{i}")).ToArray();
        Assert.All(trackers, Assert.NotNull);
        Assert.Null(progress.Start("kim", "one-too-many"));

        trackers[0]!.Finish();
        time.Advance(UploadProgress.KeptFor / 2);
        Assert.Null(progress.Start("kim", "still-kept"));
        Assert.NotNull(progress.Find("kim", "upload-0"));

        time.Advance(UploadProgress.KeptFor);
        Assert.NotNull(progress.Start("kim", "after-it-went"));
        Assert.Null(progress.Find("kim", "upload-0"));
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
