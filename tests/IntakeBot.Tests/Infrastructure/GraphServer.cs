using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IntakeBot.Tests.Infrastructure;

/// <summary>A small, stateful stand-in for Microsoft Graph on 127.0.0.1, answering in Graph's JSON
/// shapes: users (with names, proxy addresses, mailbox purposes, B2B members), groups, a drive with
/// folders and files whose permissions are inherited from the folders above them (root included),
/// upload sessions, invitations by address or object id, permissions, sensitivity labels and permanent deletion. Faults
/// can be injected: a throttled request, or Graph down altogether.</summary>
public sealed partial class GraphServer : IAsyncDisposable
{
    public const string DriveId = "drive-1";

    private readonly WebApplication _app;
    private readonly object _gate = new();
    private readonly Dictionary<string, JsonObject> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _mailboxPurposes = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<JsonObject> _groups = [];
    private readonly Dictionary<string, DriveNode> _itemsByPath = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DriveNode> _itemsById = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, UploadSession> _sessions = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private int _throttleNext;
    private int _nextId;

    private GraphServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
        Add(new DriveNode("root", string.Empty, null));
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}/v1.0";

    public bool Down { get; set; }

    public IReadOnlyList<string> Requests => [.. _requests];

    public int UploadSessionsCompleted { get; private set; }

    public void AddUser(string id, string upn, string displayName, string? mail = null, bool enabled = true, bool guest = false, string? givenName = null, string? surname = null, string userPurpose = "user", string? externalUserState = null, params string[] proxyAddresses)
    {
        lock (_gate)
        {
            _users[id] = new JsonObject
            {
                ["id"] = id,
                ["displayName"] = displayName,
                ["givenName"] = givenName,
                ["surname"] = surname,
                ["userPrincipalName"] = upn,
                ["mail"] = mail ?? upn,
                ["accountEnabled"] = enabled,
                ["userType"] = guest ? "Guest" : "Member",
                ["externalUserState"] = externalUserState,
                ["proxyAddresses"] = new JsonArray([.. proxyAddresses.Select(p => (JsonNode)JsonValue.Create(p))]),
            };
            _mailboxPurposes[id] = userPurpose;
        }
    }

    public void AddGroup(string mail, string displayName, bool securityEnabled = false)
    {
        lock (_gate)
        {
            _groups.Add(new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["displayName"] = displayName, ["mail"] = mail, ["securityEnabled"] = securityEnabled, ["proxyAddresses"] = new JsonArray($"SMTP:{mail}") });
        }
    }

    /// <summary>The next request is answered 429 with Retry-After, as Graph does when throttling.</summary>
    public void ThrottleNextRequest() => Interlocked.Exchange(ref _throttleNext, 1);

    /// <summary>Adds a permission the bot did not make, as if someone changed the folder in SharePoint.</summary>
    public void AddForeignPermission(string path, string email)
    {
        lock (_gate)
        {
            Node(path)!.Permissions.Add(Permission(email, "u-foreign", "Someone Elsewhere"));
        }
    }

    /// <summary>Gives a known user read access to an item directly, as Graph does for an invitation the
    /// bot made but never recorded.</summary>
    public void AddUserPermission(string path, string userId)
    {
        lock (_gate)
        {
            var user = _users[userId];
            Node(path)!.Permissions.Add(Permission(user["mail"]!.GetValue<string>(), userId, user["displayName"]!.GetValue<string>()));
        }
    }

    /// <summary>Lets a SharePoint site group read a folder (created if missing; "" is the library's
    /// root), so that everything below it can be read by inheritance.</summary>
    public void AddInheritedReader(string folderPath, string groupName, string role = "read")
    {
        lock (_gate)
        {
            var node = Node(folderPath) ?? Folder(folderPath.Trim('/'));
            node.Permissions.Add(new JsonObject
            {
                ["id"] = $"perm-{Guid.NewGuid():N}",
                ["roles"] = new JsonArray(role),
                ["grantedToV2"] = new JsonObject { ["siteGroup"] = new JsonObject { ["id"] = "3", ["displayName"] = groupName, ["loginName"] = groupName } },
            });
        }
    }

    /// <summary>The library's only permission in the supported setup: the app itself (Sites.Selected).</summary>
    public void AddAppPermission(string appId)
    {
        lock (_gate)
        {
            _itemsById["root"].Permissions.Add(new JsonObject
            {
                ["id"] = $"perm-{Guid.NewGuid():N}",
                ["roles"] = new JsonArray("write"),
                ["grantedToV2"] = new JsonObject { ["application"] = new JsonObject { ["id"] = appId, ["displayName"] = "IntakeBot" } },
            });
        }
    }

    public byte[]? FileContent(string path)
    {
        lock (_gate)
        {
            return _itemsByPath.TryGetValue(path, out var node) ? node.Content : null;
        }
    }

    public string? Label(string path)
    {
        lock (_gate)
        {
            return _itemsByPath.TryGetValue(path, out var node) ? node.Label : null;
        }
    }

    public IReadOnlyList<string> PermissionEmails(string path)
    {
        lock (_gate)
        {
            return Node(path) is { } node ? [.. node.Permissions.Where(p => p["grantedToV2"]!["user"] is not null).Select(p => p["grantedToV2"]!["user"]!["email"]!.GetValue<string>())] : [];
        }
    }

    public IReadOnlyList<string> Paths()
    {
        lock (_gate)
        {
            return [.. _itemsByPath.Keys.Where(k => k.Length > 0)];
        }
    }

    public static async Task<GraphServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        var port = FreePort.Next();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var graph = new GraphServer(app, port);

        app.Use(async (context, next) =>
        {
            graph._requests.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
            if (graph.Down)
            {
                await Error(StatusCodes.Status503ServiceUnavailable, "serviceNotAvailable").ExecuteAsync(context);
                return;
            }

            if (Interlocked.Exchange(ref graph._throttleNext, 0) == 1)
            {
                context.Response.Headers.RetryAfter = "1";
                await Error(StatusCodes.Status429TooManyRequests, "TooManyRequests").ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        app.MapGet("/v1.0/users/{id}", graph.GetUser);
        app.MapGet("/v1.0/users/{id}/mailboxSettings", graph.GetMailboxSettings);
        app.MapGet("/v1.0/users", (HttpRequest request) => graph.Search(graph._users.Values, request));
        app.MapGet("/v1.0/groups", (HttpRequest request) => graph.Search(graph._groups, request));
        app.MapMethods("/v1.0/drives/{drive}/items/{**rest}", ["GET", "PUT", "POST", "DELETE"], graph.DriveAsync);
        app.MapPut("/upload/{session}", graph.UploadSliceAsync);

        await app.StartAsync();
        return graph;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private IResult GetUser(string id)
    {
        lock (_gate)
        {
            var user = _users.Values.FirstOrDefault(u => string.Equals(u["id"]!.GetValue<string>(), id, StringComparison.OrdinalIgnoreCase)
                || string.Equals(u["userPrincipalName"]!.GetValue<string>(), id, StringComparison.OrdinalIgnoreCase));
            return user is null ? Error(StatusCodes.Status404NotFound, "Request_ResourceNotFound") : Results.Json(user);
        }
    }

    private IResult GetMailboxSettings(string id)
    {
        lock (_gate)
        {
            return _mailboxPurposes.TryGetValue(id, out var purpose)
                ? Results.Json(new JsonObject { ["userPurpose"] = purpose })
                : Error(StatusCodes.Status404NotFound, "Request_ResourceNotFound");
        }
    }

    /// <summary>Understands the one filter the bot sends: mail eq '…' or proxyAddresses/any(x:x eq 'smtp:…').</summary>
    private IResult Search(IEnumerable<JsonObject> items, HttpRequest request)
    {
        var filter = request.Query["$filter"].ToString();
        var match = MailFilter().Match(filter);
        if (!match.Success)
        {
            return Error(StatusCodes.Status400BadRequest, "Request_UnsupportedQuery");
        }

        var mail = match.Groups["mail"].Value.Replace("''", "'", StringComparison.Ordinal);
        lock (_gate)
        {
            var found = items.Where(i => string.Equals(i["mail"]?.GetValue<string>(), mail, StringComparison.OrdinalIgnoreCase)
                || (i["proxyAddresses"] as JsonArray ?? []).Any(p => string.Equals(p!.GetValue<string>(), $"smtp:{mail}", StringComparison.OrdinalIgnoreCase)))
                .Select(i => i.DeepClone()).ToArray();
            return Results.Json(new JsonObject { ["value"] = new JsonArray(found) });
        }
    }

    private async Task<IResult> DriveAsync(string drive, string rest, HttpRequest request)
    {
        if (drive != DriveId)
        {
            return Error(StatusCodes.Status404NotFound, "itemNotFound");
        }

        rest = Uri.UnescapeDataString(rest);
        var byPath = ByPath().Match(rest);
        if (byPath.Success)
        {
            var path = byPath.Groups["path"].Value.Trim('/');
            var action = byPath.Groups["action"].Value;
            switch (request.Method, action)
            {
                case ("PUT", "content"):
                    using (var buffer = new MemoryStream())
                    {
                        await request.Body.CopyToAsync(buffer);
                        lock (_gate)
                        {
                            return Results.Json(Put(path, buffer.ToArray()).Json());
                        }
                    }

                case ("POST", "createUploadSession"):
                    var session = Guid.NewGuid().ToString("N");
                    _sessions[session] = new UploadSession(path);
                    return Results.Json(new JsonObject { ["uploadUrl"] = $"http://127.0.0.1:{Port}/upload/{session}", ["expirationDateTime"] = DateTimeOffset.UtcNow.AddHours(1).ToString("o"), ["nextExpectedRanges"] = new JsonArray("0-") });
                case ("GET", ""):
                    lock (_gate)
                    {
                        return Node(path) is { } node ? Results.Json(node.Json()) : Error(StatusCodes.Status404NotFound, "itemNotFound");
                    }
            }

            return Error(StatusCodes.Status400BadRequest, "invalidRequest");
        }

        var parts = rest.Split('/');
        DriveNode? item;
        lock (_gate)
        {
            item = _itemsById.GetValueOrDefault(parts[0]);
        }

        if (item is null)
        {
            return Error(StatusCodes.Status404NotFound, "itemNotFound");
        }

        switch (request.Method, parts.Length > 1 ? parts[1] : "")
        {
            case ("POST", "invite"):
                var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
                if (body["requireSignIn"]?.GetValue<bool>() != true || body["roles"]?[0]?.GetValue<string>() != "read")
                {
                    return Error(StatusCodes.Status400BadRequest, "invalidRequest");
                }

                var recipients = body["recipients"]!.AsArray();
                lock (_gate)
                {
                    // Graph refuses a recipient it cannot resolve; a stand-in that crashed here hid which call was wrong.
                    if (recipients.Any(r => !(r!["objectId"]?.GetValue<string>() is { } id && _users.ContainsKey(id)) && r!["email"] is null))
                    {
                        return Error(StatusCodes.Status400BadRequest, "invalidRequest");
                    }

                    var granted = recipients.Select(r => r!["objectId"]?.GetValue<string>() is { } objectId && _users.TryGetValue(objectId, out var user)
                        ? Permission(user["mail"]!.GetValue<string>(), objectId, user["displayName"]!.GetValue<string>())
                        : Permission(r!["email"]!.GetValue<string>(), UserIdOf(r!["email"]!.GetValue<string>()), null)).ToList();
                    item.Permissions.AddRange(granted);
                    return Results.Json(new JsonObject { ["value"] = new JsonArray([.. granted.Select(p => p.DeepClone())]) });
                }

            case ("GET", "permissions"):
                lock (_gate)
                {
                    return Results.Json(new JsonObject { ["value"] = new JsonArray([.. EffectivePermissions(item)]) });
                }

            case ("DELETE", "permissions") when parts.Length == 3:
                lock (_gate)
                {
                    return item.Permissions.RemoveAll(p => p["id"]!.GetValue<string>() == parts[2]) > 0
                        ? Results.NoContent()
                        : Error(StatusCodes.Status404NotFound, "itemNotFound");
                }

            case ("POST", "permanentDelete"):
                lock (_gate)
                {
                    foreach (var gone in _itemsByPath.Values.Where(n => n.Path == item.Path || n.Path.StartsWith(item.Path + "/", StringComparison.Ordinal)).ToList())
                    {
                        _itemsByPath.Remove(gone.Path);
                        _itemsById.Remove(gone.Id);
                    }
                }

                return Results.NoContent();

            case ("POST", "assignSensitivityLabel"):
                var label = (await JsonNode.ParseAsync(request.Body))!["sensitivityLabelId"]!.GetValue<string>();
                lock (_gate)
                {
                    item.Label = label;
                }

                return Results.Accepted();
        }

        return Error(StatusCodes.Status400BadRequest, "invalidRequest");
    }

    private async Task<IResult> UploadSliceAsync(string session, HttpRequest request)
    {
        if (!_sessions.TryGetValue(session, out var upload))
        {
            return Error(StatusCodes.Status404NotFound, "itemNotFound");
        }

        var range = ContentRange().Match(request.Headers.ContentRange.ToString());
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var total = long.Parse(range.Groups["total"].Value, System.Globalization.CultureInfo.InvariantCulture);
        lock (upload)
        {
            upload.Bytes.Write(buffer.ToArray());
            if (upload.Bytes.Length < total)
            {
                return Results.Json(new JsonObject { ["nextExpectedRanges"] = new JsonArray($"{upload.Bytes.Length}-") }, statusCode: StatusCodes.Status202Accepted);
            }
        }

        _sessions.TryRemove(session, out _);
        lock (_gate)
        {
            UploadSessionsCompleted++;
            return Results.Json(Put(upload.Path, upload.Bytes.ToArray()).Json(), statusCode: StatusCodes.Status201Created);
        }
    }

    /// <summary>The item's own permissions, then those of every folder above it up to the root, each
    /// marked with the ancestor it comes from, as Graph lists them.</summary>
    private IEnumerable<JsonNode> EffectivePermissions(DriveNode item)
    {
        foreach (var own in item.Permissions)
        {
            yield return own.DeepClone();
        }

        var segments = item.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var length = segments.Length - 1; length >= 0; length--)
        {
            var ancestor = _itemsByPath[string.Join('/', segments[..length])];
            foreach (var permission in ancestor.Permissions)
            {
                var inherited = permission.DeepClone().AsObject();
                inherited["inheritedFrom"] = new JsonObject { ["driveId"] = DriveId, ["id"] = ancestor.Id, ["path"] = $"/drives/{DriveId}/root:/{ancestor.Path}" };
                yield return inherited;
            }
        }
    }

    private DriveNode Folder(string path)
    {
        var parent = "";
        foreach (var folder in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            parent = parent.Length == 0 ? folder : $"{parent}/{folder}";
            if (!_itemsByPath.ContainsKey(parent))
            {
                Add(new DriveNode($"item-{++_nextId}", parent, null));
            }
        }

        return _itemsByPath[path];
    }

    private DriveNode Put(string path, byte[] content)
    {
        Folder(string.Join('/', path.Split('/')[..^1]));

        if (_itemsByPath.TryGetValue(path, out var existing))
        {
            existing.Content = content;
            return existing;
        }

        return Add(new DriveNode($"item-{++_nextId}", path, content));
    }

    private DriveNode Add(DriveNode node)
    {
        _itemsByPath[node.Path] = node;
        _itemsById[node.Id] = node;
        return node;
    }

    private DriveNode? Node(string path) => _itemsByPath.GetValueOrDefault(path.Trim('/'));

    private string UserIdOf(string email)
        => _users.Values.FirstOrDefault(u => string.Equals(u["mail"]!.GetValue<string>(), email, StringComparison.OrdinalIgnoreCase))?["id"]?.GetValue<string>() ?? "unknown";

    private static JsonObject Permission(string email, string userId, string? displayName)
        => new()
        {
            ["id"] = $"perm-{Guid.NewGuid():N}",
            ["roles"] = new JsonArray("read"),
            ["grantedToV2"] = new JsonObject { ["user"] = new JsonObject { ["id"] = userId, ["email"] = email, ["displayName"] = displayName } },
            ["invitation"] = new JsonObject { ["email"] = email, ["signInRequired"] = true },
        };

    private static IResult Error(int status, string code)
        => Results.Json(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = code } }, statusCode: status);

    [GeneratedRegex(@"^mail eq '(?<mail>(?:[^']|'')*)' or proxyAddresses/any\(x:x eq 'smtp:(?:[^']|'')*'\)$")]
    private static partial Regex MailFilter();

    [GeneratedRegex(@"^root:(?<path>.*?):(/(?<action>[A-Za-z]+))?$")]
    private static partial Regex ByPath();

    [GeneratedRegex(@"bytes (?<from>\d+)-(?<to>\d+)/(?<total>\d+)")]
    private static partial Regex ContentRange();

    private sealed class DriveNode(string id, string path, byte[]? content)
    {
        public string Id { get; } = id;

        public string Path { get; } = path;

        public byte[]? Content { get; set; } = content;

        public string? Label { get; set; }

        public List<JsonObject> Permissions { get; } = [];

        public JsonObject Json() => Content is null
            ? new JsonObject { ["id"] = Id, ["name"] = Path.Split('/')[^1], ["folder"] = new JsonObject { ["childCount"] = 0 } }
            : new JsonObject { ["id"] = Id, ["name"] = Path.Split('/')[^1], ["size"] = Content.Length, ["file"] = new JsonObject() };
    }

    private sealed class UploadSession(string path)
    {
        public string Path { get; } = path;

        public MemoryStream Bytes { get; } = new();
    }
}
