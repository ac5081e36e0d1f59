using Tracking.Grains.Serialization;
using Tracking.Runtime.Hosting;

namespace Tracking.Grains.Tests.Cluster;

public sealed class WireTypeTests
{
    [Fact]
    public void Every_message_and_result_of_the_grains_can_cross_silos()
    {
        // A cluster silo refuses to start otherwise; this names the missing ones at build time.
        var missing = new GrainTypeRegistry().AddTrackingGrains().MissingWireTypes(TrackingJson.Options);
        Assert.True(missing.Count == 0, "No JSON metadata for: " + string.Join(", ", missing));
    }
}
