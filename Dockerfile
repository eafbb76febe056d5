# The registry API with its web pages. Build from the repository root: docker build -t circular-registry .
# The pages (src/Registry.Dashboard) are built with Node.js from the locked npm packages, then published with the API.
FROM node:20-bookworm-slim AS web
WORKDIR /src
COPY src/Registry.Dashboard/package.json src/Registry.Dashboard/package-lock.json src/Registry.Dashboard/
RUN cd src/Registry.Dashboard && npm ci --no-audit --no-fund
COPY src/Registry.Dashboard src/Registry.Dashboard
RUN cd src/Registry.Dashboard && npm run build

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
COPY --from=web /src/src/Registry.Api/wwwroot src/Registry.Api/wwwroot
RUN dotnet publish src/Registry.Api -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://0.0.0.0:5080
EXPOSE 5080
ENTRYPOINT ["dotnet", "Registry.Api.dll"]
