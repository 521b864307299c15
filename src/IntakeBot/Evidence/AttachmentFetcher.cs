using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;

namespace IntakeBot.Evidence;

/// <summary>Opens a download for an attachment only when its address is safe: https on an allowed
/// host (or the activity's own connector host for inline images), never an IP address a client made
/// up, no redirect elsewhere, a timeout, and a size checked before a byte is stored.</summary>
public sealed class AttachmentFetcher(IHttpClientFactory httpClients, IConnectorTokenProvider tokens, IOptions<EvidenceOptions> options)
{
    public const string HttpClientName = "evidence";
    private const int MaxRedirects = 3;

    private readonly EvidenceOptions _options = options.Value;

    /// <summary>The open response, or the reason nothing was fetched. Evidence:TimeoutSeconds covers
    /// the whole download, body included: the response's content is replaced by one that stops at the
    /// deadline, and its first bytes are already read (under the same deadline) for the type check.</summary>
    public async Task<FetchResult> OpenAsync(ITurnContext turnContext, Uri url, bool connectorAuth, CancellationToken cancellationToken)
    {
        var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(_options.TimeoutSeconds));
        try
        {
            var result = await OpenAsync(turnContext, url, connectorAuth, deadline, cancellationToken).ConfigureAwait(false);
            if (result.Response is not null)
            {
                result.Owns(deadline);
                deadline = null;
            }

            return result;
        }
        finally
        {
            deadline?.Dispose();
        }
    }

    private async Task<FetchResult> OpenAsync(ITurnContext turnContext, Uri url, bool connectorAuth, CancellationTokenSource deadline, CancellationToken cancellationToken)
    {
        var serviceHost = Uri.TryCreate(turnContext.Activity.ServiceUrl, UriKind.Absolute, out var service) ? service.Host : null;
        var client = httpClients.CreateClient(HttpClientName);

        // The deadline below replaces HttpClient's timeout, which would stop at the headers.
        client.Timeout = Timeout.InfiniteTimeSpan;
        var token = connectorAuth ? await tokens.GetTokenAsync(turnContext, cancellationToken).ConfigureAwait(false) : null;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);

        for (var hop = 0; hop <= MaxRedirects; hop++)
        {
            if (!IsAllowed(url, connectorAuth ? serviceHost : null))
            {
                return FetchResult.Refused(FileRefusal.HostNotAllowed);
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (token is not null && string.Equals(url.Host, serviceHost, StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return FetchResult.Refused(FileRefusal.DownloadFailed);
            }

            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                response.Dispose();
                var next = location.IsAbsoluteUri ? location : new Uri(url, location);
                if (!string.Equals(next.Host, url.Host, StringComparison.OrdinalIgnoreCase))
                {
                    return FetchResult.Refused(FileRefusal.HostNotAllowed);
                }

                url = next;
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                response.Dispose();
                return FetchResult.Refused(FileRefusal.DownloadFailed);
            }

            if (response.Content.Headers.ContentLength > _options.MaxBytes)
            {
                response.Dispose();
                return FetchResult.Refused(FileRefusal.TooLarge);
            }

            return await WithDeadlineAsync(response, deadline.Token, cancellationToken).ConfigureAwait(false);
        }

        return FetchResult.Refused(FileRefusal.HostNotAllowed);
    }

    /// <summary>Puts the deadline on the body and reads its first bytes, so that a host that stalls
    /// before the type check is cut off here too.</summary>
    private static async Task<FetchResult> WithDeadlineAsync(HttpResponseMessage response, CancellationToken deadline, CancellationToken cancellationToken)
    {
        var body = new DeadlineStream(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), deadline);
        var head = new byte[FileTypes.SniffLength];
        int headLength;
        try
        {
            headLength = await body.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            await body.DisposeAsync().ConfigureAwait(false);
            response.Dispose();
            return FetchResult.Refused(FileRefusal.DownloadFailed);
        }

        // The original content's stream now belongs to the new content, which disposes it.
        var content = new StreamContent(new PrefixedStream(head.AsMemory(0, headLength), body));
        foreach (var (name, values) in response.Content.Headers)
        {
            content.Headers.TryAddWithoutValidation(name, values);
        }

        response.Content = content;
        return FetchResult.Open(response);
    }

    /// <summary>The allow-list, decided from the address alone, before any connection is made.</summary>
    public bool IsAllowed(Uri url, string? connectorHost)
    {
        if (!url.IsAbsoluteUri || !string.IsNullOrEmpty(url.UserInfo))
        {
            return false;
        }

        var loopback = IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
        if (url.Scheme == Uri.UriSchemeHttp)
        {
            return loopback && _options.AllowLoopbackHttp && AllowedHost(url.Host, connectorHost);
        }

        if (url.Scheme != Uri.UriSchemeHttps)
        {
            return false;
        }

        // An IP address is never on the allow-list unless it is this machine in development.
        if (address is not null && !(loopback && _options.AllowLoopbackHttp))
        {
            return false;
        }

        return address?.AddressFamily is null or AddressFamily.InterNetwork or AddressFamily.InterNetworkV6 && AllowedHost(url.Host, connectorHost);
    }

    private bool AllowedHost(string host, string? connectorHost)
        => string.Equals(host, connectorHost, StringComparison.OrdinalIgnoreCase)
            || _options.AllowsHost(host);
}

/// <summary>An open download, or why there is none.</summary>
public sealed class FetchResult : IDisposable
{
    private CancellationTokenSource? _deadline;

    private FetchResult(HttpResponseMessage? response, FileRefusal refusal)
    {
        Response = response;
        Refusal = refusal;
    }

    public HttpResponseMessage? Response { get; }

    public FileRefusal Refusal { get; }

    public static FetchResult Open(HttpResponseMessage response) => new(response, FileRefusal.None);

    public static FetchResult Refused(FileRefusal refusal) => new(null, refusal);

    public void Dispose()
    {
        Response?.Dispose();
        _deadline?.Dispose();
    }

    /// <summary>The download's deadline lives as long as the download.</summary>
    internal void Owns(CancellationTokenSource deadline) => _deadline = deadline;
}
