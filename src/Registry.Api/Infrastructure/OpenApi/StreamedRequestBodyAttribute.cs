using Registry.Api.Epcis.Capturing;

namespace Registry.Api.Infrastructure.OpenApi;

/// <summary>
/// For the OpenAPI document: the endpoint reads its body itself, as a stream of this media type (an NDJSON import, an
/// EPCIS document), so no request type says what it takes.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StreamedRequestBodyAttribute(string contentType, string description) : Attribute
{
    public string ContentType => contentType;
    public string Description => description;
}

/// <summary>A page of capture jobs as <c>GET /epcis/capture</c> answers it (the OpenAPI document's shape of it).</summary>
public sealed record CaptureJobPage(string Type, IReadOnlyList<CaptureJobAnswer> Member);
