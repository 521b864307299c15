namespace IntakeBot.Tests.Infrastructure;

/// <summary>Tests that run by themselves, once every parallel test class is done.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class Alone
{
    public const string Name = "Alone";
}
