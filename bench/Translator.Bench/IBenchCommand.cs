namespace Translator.Bench;

/// <summary>One benchmark, run as <c>Translator.Bench NAME ARGS</c>.</summary>
internal interface IBenchCommand
{
    /// <summary>Arguments and what the command measures, for the usage text.</summary>
    string Usage { get; }

    /// <returns>The process exit code.</returns>
    Task<int> RunAsync(string[] args);
}
