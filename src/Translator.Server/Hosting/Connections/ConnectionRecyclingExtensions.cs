namespace Translator.Server.Hosting.Connections;

internal static class ConnectionRecyclingExtensions
{
    /// <summary>Recycles every Kestrel connection after <see cref="ConnectionRecyclingOptions.MaxAge"/>, when set.</summary>
    public static WebApplicationBuilder AddTranslatorConnectionRecycling(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ConnectionRecyclingOptions>()
            .BindConfiguration(ConnectionRecyclingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<ConnectionRecycling>();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen =>
            listen.Use(listen.ApplicationServices.GetRequiredService<ConnectionRecycling>().Wrap)));
        return builder;
    }
}
