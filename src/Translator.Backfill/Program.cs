using System.CommandLine;
using Translator.Backfill;

return await BackfillApp.Build().Parse(args).InvokeAsync(BackfillApp.Invocation);
