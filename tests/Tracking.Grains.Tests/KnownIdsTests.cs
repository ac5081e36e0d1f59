namespace Tracking.Grains.Tests;

public sealed class KnownIdsTests
{
    [Fact]
    public async Task An_id_the_store_knows_is_asked_once_one_it_does_not_know_every_time_and_the_set_stays_bounded()
    {
        var known = new KnownIds(capacity: 2);
        var asked = new List<string>();
        Task<bool> Ask(string id) => known.ExistsAsync("case", id, () =>
        {
            asked.Add(id);
            return Task.FromResult(id.StartsWith('K'));
        });

        Assert.True(await Ask("K1"));
        Assert.True(await Ask("K1"));
        Assert.False(await Ask("U1"));
        Assert.False(await Ask("U1"));
        Assert.True(await known.ExistsAsync("taxpayer", "K1", () => Task.FromResult(true)));
        Assert.Equal(["K1", "U1", "U1"], asked);

        // Full (K1 as a case and as a taxpayer): the next known id starts the set again, so K1 is asked anew.
        Assert.True(await Ask("K2"));
        Assert.True(await Ask("K1"));
        Assert.Equal(["K1", "U1", "U1", "K2", "K1"], asked);
    }
}
