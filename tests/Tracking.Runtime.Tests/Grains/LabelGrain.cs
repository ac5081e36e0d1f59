using Tracking.Runtime;
using Tracking.Runtime.Views;

namespace Tracking.Runtime.Tests.Grains;

public interface ILabelGrain : IGrain;

public sealed record SetLabel(string Label) : IGrainCall<ILabelGrain, string>;

public sealed record LabelState(string Label);

public sealed record LabelSet(string Label);

/// <summary>The row a label grain keeps in the "labels" view.</summary>
public sealed record LabelRow(string Label, long Sort);

/// <summary>Keeps a label and a read-model row showing it.</summary>
[GrainType("label")]
public sealed class LabelGrain : Grain<LabelState, LabelSet>, ILabelGrain, IHandle<SetLabel, string>
{
    public const string View = "labels";

    public async Task<string> HandleAsync(SetLabel message, CancellationToken cancellationToken)
    {
        await WriteStateAsync(new LabelState(message.Label), [new LabelSet(message.Label)], cancellationToken);
        return State.Label;
    }

    protected override LabelState CreateInitialState() => new("");

    protected override IEnumerable<GrainView> ViewsOf(LabelState state) => [new GrainView(View, Id.Key, new LabelRow(state.Label, 1))];
}
