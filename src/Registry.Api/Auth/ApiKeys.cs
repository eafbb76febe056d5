using System.Security.Cryptography;
using System.Text;

namespace Registry.Api.Auth;

public static class ApiKeys
{
    /// <summary>256 random bits: a fast hash is enough, as no key can be guessed from a dictionary.</summary>
    public static string Generate() =>
        "crk_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
