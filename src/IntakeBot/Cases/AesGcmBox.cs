using System.Security.Cryptography;
using System.Text;

namespace IntakeBot.Cases;

/// <summary>AES-256-GCM with a random 96-bit nonce: the sealed form is nonce, ciphertext and 128-bit
/// tag; the associated data binds a sealed value to where it belongs (a case reference), so that it
/// cannot be moved to another case and opened there.</summary>
internal static class AesGcmBox
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    public static byte[] Seal(byte[] key, byte[] plain, string associated)
    {
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), Encoding.UTF8.GetBytes(associated));
        return sealedBytes;
    }

    public static byte[] Open(byte[] key, byte[] sealedBytes, string associated)
    {
        if (sealedBytes.Length < NonceBytes + TagBytes)
        {
            throw new CryptographicException("The sealed value is too short.");
        }

        var length = sealedBytes.Length - NonceBytes - TagBytes;
        var plain = new byte[length];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, length), sealedBytes.AsSpan(NonceBytes + length), plain, Encoding.UTF8.GetBytes(associated));
        return plain;
    }
}
