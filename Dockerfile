# syntax=docker/dockerfile:1
# The Translator image: the server (the default entry point) and the archive backfill worker
# (/app/backfill/translator-backfill.dll, run by k8s/base/backfill-worker.yaml). Build from the repository root:
#   docker build -t translator:dev .
# Runs as the non-root "app" user (UID 1654) of the chiseled ASP.NET image, which has no shell and no package
# manager, on a read-only root filesystem: the only writable path it needs is /tmp (see k8s/base/deployment.yaml).

FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
WORKDIR /repo
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY protos/ protos/
COPY src/ src/
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet restore src/Translator.Server/Translator.Server.csproj -a "$TARGETARCH" \
 && dotnet restore src/Translator.Backfill/Translator.Backfill.csproj -a "$TARGETARCH"
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet publish src/Translator.Server/Translator.Server.csproj -c Release -a "$TARGETARCH" --no-restore -o /app
# Its own directory: the two programs share libraries but each has its own deps.json and runtimeconfig.
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet publish src/Translator.Backfill/Translator.Backfill.csproj -c Release -a "$TARGETARCH" --no-restore -o /app/backfill

# "extra": chiseled plus ICU and time zone data; the segmenter and language tags need real culture data
# (InvariantGlobalization is off).
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra AS runtime
WORKDIR /app
COPY --from=build /app ./
# Numeric, so Kubernetes can verify runAsNonRoot without a runAsUser.
USER 1654
# h2c gRPC on 5080, the HTTP/JSON API (HTTP/1.1) on 5081: appsettings.json's named endpoints on all interfaces
# instead of localhost. Configured Kestrel endpoints win over ASPNETCORE_HTTP_PORTS and Urls; emptied anyway so the
# base image's 8080 never appears.
ENV Kestrel__Endpoints__Grpc__Url=http://+:5080 \
    Kestrel__Endpoints__Json__Url=http://+:5081 \
    ASPNETCORE_HTTP_PORTS=
EXPOSE 5080 5081
ENTRYPOINT ["dotnet", "Translator.Server.dll"]
