using Translator.Cli;

return await CliApp.Build().Parse(args).InvokeAsync();
