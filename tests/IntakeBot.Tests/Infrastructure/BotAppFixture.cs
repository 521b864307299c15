using Microsoft.Extensions.DependencyInjection;

namespace IntakeBot.Tests.Infrastructure;

/// <summary>One app under test for a whole test class, on a pooled Azurite: a host start for every test
/// cost more than most of the tests. The class's tests share its containers, so each test keeps to its
/// own conversations (a new <see cref="HttpChat"/> has its own person and conversation) and reads
/// storage through them (<see cref="CaseBlobs.DraftAsync(string)"/>, a case by its reference), never by
/// counting what the containers hold. A class that needs other settings derives a fixture of its own
/// and overrides <see cref="Settings"/> or <see cref="Services"/>.</summary>
public class BotAppFixture : IAsyncLifetime
{
    public AzuriteFixture Azurite { get; } = new();

    public BotApp App { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>What the app stored, read per conversation or per case: whole-container counts refuse,
    /// because the class's other tests write to the same containers.</summary>
    internal CaseBlobs Blobs => new(Azurite, App.CasesContainer, App.StateContainer, shared: true);

    protected virtual IDictionary<string, string?>? Settings => null;

    protected virtual void Services(IServiceCollection services)
    {
    }

    public virtual async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();
        App = new BotApp(Azurite, Settings, Services);
        Client = App.CreateClient();
    }

    public virtual async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}
