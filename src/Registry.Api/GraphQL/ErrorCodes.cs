namespace Registry.Api.GraphQL;

/// <summary>Codes of GraphQL errors (<c>extensions.code</c>), stable for clients.</summary>
public static class ErrorCodes
{
    public const string InvalidArgument = "INVALID_ARGUMENT";
    public const string NotFound = "NOT_FOUND";
    public const string Forbidden = "FORBIDDEN";
    public const string Unavailable = "DATABASE_UNAVAILABLE";
}
