namespace Registry.IntegrationTests.Support;

/// <summary>The repository the tests run from, found by its solution file above the test binaries.</summary>
public static class Repository
{
    public static string? Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Traceability.sln"))) return directory.FullName;
        return null;
    }
}
