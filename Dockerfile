# BrandPortal web portal image. Build: docker build -t brandportal .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
# ReadyToRun: the portal's and its packages' assemblies are precompiled for linux-x64, so a fresh process (a start, a
# restart, a new replica) runs native code in its first seconds instead of JIT-compiling tier-0 code; tiered PGO still
# re-optimises the hot methods later. Framework-dependent: the aspnet image below provides the runtime. bench/run
# publishes the portal with these same options and measures that output; change both together.
# (On an arm64 host the image still works, but the precompiled x64 code is ignored and everything is JIT-compiled.)
RUN dotnet publish src/BrandPortal.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://0.0.0.0:8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "BrandPortal.Web.dll"]
