using System.CommandLine;
using Tracking.Cli.Commands;

var root = new RootCommand("tracking — find, seize and collect delinquent taxpayers' crypto-exchange accounts")
{
    GlobalOptions.Data,
    GlobalOptions.Postgres,
    GlobalOptions.Cluster,
    GlobalOptions.Json,
    GlobalOptions.ExchangeUrl,
    DemoCommand.Create(),
    ImportCommands.Create(),
    SweepCommands.Sweep(),
    SweepCommands.Matches(),
    TaxpayerCommands.Create(),
    SeizureCommands.Seize(),
    SeizureCommands.Cases(),
    SeizureCommands.Case(),
    PaymentCommands.Create(),
    ScenarioCommand.Create(),
    SiloCommand.Create(),
    ClusterCommands.Create(),
    ExchangeKeyCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
