using System.CommandLine;
using Google.Protobuf;
using Translator.Protos.V1;

namespace Translator.Cli;

/// <summary>
/// <c>admin tenants|keys|usage</c>: partner tenants, their API keys and this month's usage, through AdminService.
/// The server accepts these only with the admin key (<c>--api-key</c> or <c>TRANSLATOR_API_KEY</c>).
/// </summary>
internal static class AdminCommands
{
    public static Command Build(Connection connection, TextWriter output, TextWriter errors, Func<ParseResult, JsonFormatter?> json)
    {
        return new Command("admin", "Partner tenants, API keys and usage (needs the admin key).")
        {
            Tenants(connection, output, errors, json),
            Keys(connection, output, errors, json),
            Usage(connection, output, errors, json),
        };
    }

    private static Command Tenants(Connection connection, TextWriter output, TextWriter errors, Func<ParseResult, JsonFormatter?> json)
    {
        var createId = TenantId();
        var createName = new Option<string>("--name") { Description = "Display name.", Required = true };
        var createQuota = Quota();
        var createRate = Rate();
        var ownCache = new Option<bool>("--own-cache")
        {
            Description = "Give the tenant its own cache namespace (embargoed copy: nobody learns from cache hits what it translated; it pays for its own sentences).",
        };
        var create = new Command("create", "Create a tenant.") { createId, createName, createQuota, createRate, ownCache };
        create.SetAction((parse, ct) => connection.RunAsync(parse, errors, async invoker =>
        {
            var request = new CreateTenantRequest
            {
                TenantId = parse.GetValue(createId)!,
                DisplayName = parse.GetValue(createName)!,
                MonthlyCharacterQuota = parse.GetValue(createQuota) ?? 0,
                RequestsPerMinute = parse.GetValue(createRate) ?? 0,
            };
            if (parse.GetValue(ownCache))
            {
                request.ShareCache = false;
            }
            var response = await new AdminService.AdminServiceClient(invoker).CreateTenantAsync(request, cancellationToken: ct);
            Print(output, json(parse), response, response.Tenant);
        }));

        var getId = TenantId();
        var get = new Command("get", "Show one tenant.") { getId };
        get.SetAction((parse, ct) => connection.RunAsync(parse, errors, async invoker =>
        {
            var response = await new AdminService.AdminServiceClient(invoker).GetTenantAsync(new GetTenantRequest { TenantId = parse.GetValue(getId)! }, cancellationToken: ct);
            Print(output, json(parse), response, response.Tenant);
        }));

        var list = new Command("list", "List every tenant.");
        list.SetAction((parse, ct) => connection.RunAsync(parse, errors, async invoker =>
        {
            var response = await new AdminService.AdminServiceClient(invoker).ListTenantsAsync(new ListTenantsRequest(), cancellationToken: ct);
            Print(output, json(parse), response, [.. response.Tenants]);
        }));

        var updateId = TenantId();
        var updateName = new Option<string?>("--name") { Description = "New display name." };
        var updateQuota = Quota();
        var updateRate = Rate();
        var shareCache = new Option<bool?>("--share-cache") { Description = "true: use the shared segment cache; false: a cache namespace of its own." };
        var update = new Command("update", "Change the given fields of a tenant; quotas apply to its next request.") { updateId, updateName, updateQuota, updateRate, shareCache };
        update.SetAction((parse, ct) => connection.RunAsync(parse, errors, async invoker =>
        {
            // Only what was given is set, so the server changes only those fields.
            var request = new UpdateTenantRequest { TenantId = parse.GetValue(updateId)! };
            if (parse.GetValue(updateName) is { } name)
            {
                request.DisplayName = name;
            }
            if (parse.GetValue(updateQuota) is { } quota)
            {
                request.MonthlyCharacterQuota = quota;
            }
            if (parse.GetValue(updateRate) is { } rate)
            {
                request.RequestsPerMinute = rate;
            }
            if (parse.GetValue(shareCache) is { } share)
            {
                request.ShareCache = share;
            }
            var response = await new AdminService.AdminServiceClient(invoker).UpdateTenantAsync(request, cancellationToken: ct);
            Print(output, json(parse), response, response.Tenant);
        }));

        return new Command("tenants", "Create, show, list and change tenants.") { create, get, list, update };
    }

    private static Command Keys(Connection connection, TextWriter output, TextWriter errors, Func<ParseResult, JsonFormatter?> json)
    {
        var createId = TenantId();
        var create = new Command("create", "Create an API key for a tenant and print it; it is shown only this once.") { createId };
        create.SetAction((parse, ct) => connection.RunAsync(parse, errors, async invoker =>
        {
            var response = await new AdminService.AdminServiceClient(invoker).CreateApiKeyAsync(new CreateApiKeyRequest { TenantId = parse.GetValue(createId)! }, cancellationToken: ct);
            if (json(parse) is { } formatter)
            {
                await output.WriteLineAsync(formatter.Format(response));
                return;
            }
            await output.WriteLineAsync($"key_id\t{response.KeyId}");
            await output.WriteLineAsync($"key\t{response.Key}");
            await errors.WriteLineAsync("The key is shown only this once: store it now.");
        }));

        var listId = TenantId();
        var list = new Command("list", "List a tenant's keys (ids and dates; never the keys).") { listId };
        list.SetAction((parse, ct) => connection.RunAsync(parse, errors, async invoker =>
        {
            var response = await new AdminService.AdminServiceClient(invoker).ListApiKeysAsync(new ListApiKeysRequest { TenantId = parse.GetValue(listId)! }, cancellationToken: ct);
            if (json(parse) is { } formatter)
            {
                await output.WriteLineAsync(formatter.Format(response));
                return;
            }
            foreach (var key in response.ApiKeys)
            {
                var revoked = key.RevokeTime is null ? "active" : $"revoked {key.RevokeTime.ToDateTimeOffset():u}";
                await output.WriteLineAsync($"{key.KeyId}\t{key.TenantId}\tcreated {key.CreateTime?.ToDateTimeOffset():u}\t{revoked}");
            }
        }));

        var keyId = new Argument<string>("key-id") { Description = "The key's id (from keys create or keys list), not the key." };
        var revoke = new Command("revoke", "Revoke a key; every replica refuses it within 5 seconds.") { keyId };
        revoke.SetAction((parse, ct) => connection.RunAsync(parse, errors, async invoker =>
        {
            await new AdminService.AdminServiceClient(invoker).RevokeApiKeyAsync(new RevokeApiKeyRequest { KeyId = parse.GetValue(keyId)! }, cancellationToken: ct);
            await output.WriteLineAsync($"revoked {parse.GetValue(keyId)}");
        }));

        return new Command("keys", "Create, list and revoke API keys.") { create, list, revoke };
    }

    private static Command Usage(Connection connection, TextWriter output, TextWriter errors, Func<ParseResult, JsonFormatter?> json)
    {
        var id = TenantId();
        var usage = new Command("usage", "A tenant's usage in the current calendar month (UTC).") { id };
        usage.SetAction((parse, ct) => connection.RunAsync(parse, errors, async invoker =>
        {
            var response = await new AdminService.AdminServiceClient(invoker).GetUsageAsync(new GetUsageRequest { TenantId = parse.GetValue(id)! }, cancellationToken: ct);
            if (json(parse) is { } formatter)
            {
                await output.WriteLineAsync(formatter.Format(response));
                return;
            }
            var u = response.Usage;
            await output.WriteLineAsync($"{u.TenantId} {u.Month}: {u.BilledCharacters} billed characters, {u.CachedCharacters} cached characters, {u.Requests} requests");
        }));
        return usage;
    }

    private static Argument<string> TenantId() => new("tenant-id") { Description = "Lowercase letters, digits and '-'." };

    private static Option<long?> Quota() => new("--quota") { Description = "Characters sent to the provider per calendar month (UTC); 0 = unlimited." };

    private static Option<int?> Rate() => new("--requests-per-minute") { Description = "Calls per minute across replicas; 0 = unlimited." };

    private static void Print(TextWriter output, JsonFormatter? json, IMessage response, params Tenant[] tenants)
    {
        if (json is not null)
        {
            output.WriteLine(json.Format(response));
            return;
        }
        foreach (var tenant in tenants)
        {
            var quota = tenant.MonthlyCharacterQuota == 0 ? "unlimited" : $"{tenant.MonthlyCharacterQuota}";
            var rate = tenant.RequestsPerMinute == 0 ? "unlimited" : $"{tenant.RequestsPerMinute}";
            output.WriteLine($"{tenant.TenantId}\t{tenant.DisplayName}\tquota {quota} characters/month\trate {rate} requests/minute\tcache {(tenant.ShareCache ? "shared" : "own")}");
        }
    }
}
