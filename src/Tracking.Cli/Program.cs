using System.CommandLine;
using Spectre.Console;
using Tracking.Cli.Commands;
using Tracking.Cli.Output;

// Spectre's progress bars and live views keep the real stdout; everything else the commands print
// goes through a writer that shows control characters from files as '?'.
AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
Console.SetOut(new PrintableWriter(Console.Out));

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
