namespace IntakeBot.Listening;

public static class ListeningServiceCollectionExtensions
{
    /// <summary>The listener every message passes first: the English lexicon (loaded and compiled at
    /// start-up, so that a broken pattern stops the app), the reader and the turn's handling of it.</summary>
    public static IServiceCollection AddListening(this IServiceCollection services)
    {
        services.AddSingleton(_ => Lexicon.Load("en"));
        services.AddSingleton<Listener>();
        services.AddSingleton<ListenFirst>();
        return services;
    }
}
