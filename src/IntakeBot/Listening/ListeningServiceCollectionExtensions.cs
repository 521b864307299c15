namespace IntakeBot.Listening;

public static class ListeningServiceCollectionExtensions
{
    /// <summary>The listener every message passes first: every language's lexicon (loaded and compiled at
    /// start-up, so that a broken pattern stops the app), the reader, the guess at the language a message is written in and the offer to carry on in it, and the turn's handling of it.</summary>
    public static IServiceCollection AddListening(this IServiceCollection services)
    {
        services.AddSingleton(_ => Lexicons.Load());
        services.AddSingleton<Listener>();
        services.AddSingleton<LanguageGuess>();
        services.AddSingleton<LanguageOffer>();
        services.AddSingleton<ListenFirst>();
        return services;
    }
}
