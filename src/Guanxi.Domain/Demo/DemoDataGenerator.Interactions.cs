using Guanxi.Domain.Interactions;

namespace Guanxi.Domain.Demo;

public sealed partial class DemoDataGenerator
{
    private static readonly (InteractionChannel Channel, double Weight)[] PersonChannels =
    [
        (InteractionChannel.Call, 25), (InteractionChannel.Chat, 30), (InteractionChannel.Sms, 15),
        (InteractionChannel.Email, 8), (InteractionChannel.Visit, 7), (InteractionChannel.Meeting, 2), (InteractionChannel.Note, 13),
    ];

    private static readonly (InteractionChannel Channel, double Weight)[] OrganisationChannels =
    [
        (InteractionChannel.Call, 25), (InteractionChannel.Email, 25), (InteractionChannel.Visit, 15),
        (InteractionChannel.Meeting, 15), (InteractionChannel.Chat, 10), (InteractionChannel.Note, 10),
    ];

    /// <summary>
    /// About <see cref="DemoOptions.InteractionsPerCustomer"/> interactions per customer (Poisson),
    /// customer by customer, in time order within each customer, between creation and today.
    /// </summary>
    public IEnumerable<DemoInteraction> Interactions()
    {
        var rng = new Random(DemoRandom.StreamSeed(_options.Seed, 3));
        var personWeights = DemoRandom.Cumulative(PersonChannels, c => c.Weight);
        var organisationWeights = DemoRandom.Cumulative(OrganisationChannels, c => c.Weight);
        var times = new long[16];
        for (var i = 0; i < _createdSecond.Length; i++)
        {
            var count = rng.Poisson(_options.InteractionsPerCustomer);
            if (times.Length < count) times = new long[count * 2];
            long created = _createdSecond[i];
            for (var k = 0; k < count; k++)
            {
                // Staff log contacts in working hours, 08:00–21:00, never before the customer existed.
                var day = (created + rng.NextInt64(HorizonSecond - created)) / SecondsPerDay;
                times[k] = Math.Max(created, day * SecondsPerDay + 8 * 3600 + rng.Next(13 * 3600));
            }
            Array.Sort(times, 0, count);
            for (var k = 0; k < count; k++)
            {
                var channel = _isOrganisation[i]
                    ? OrganisationChannels[rng.PickCumulative(organisationWeights)].Channel
                    : PersonChannels[rng.PickCumulative(personWeights)].Channel;
                yield return NewInteraction(rng, i, At(times[k]), channel);
            }
        }
    }

    private static DemoInteraction NewInteraction(Random rng, int customer, DateTime at, InteractionChannel channel)
    {
        var direction = channel switch
        {
            InteractionChannel.Note => InteractionDirection.Internal,
            // Messages and visits are mostly ours; calls and chats come both ways.
            InteractionChannel.Sms or InteractionChannel.Visit => InteractionDirection.Outbound,
            InteractionChannel.Email or InteractionChannel.Meeting => rng.NextDouble() < 0.7 ? InteractionDirection.Outbound : InteractionDirection.Inbound,
            _ => rng.NextDouble() < 0.5 ? InteractionDirection.Outbound : InteractionDirection.Inbound,
        };
        var topics = DemoCatalog.Topics;
        // Internal notes use the note template (the last one); the others draw from the customer-facing ones.
        var topic = channel == InteractionChannel.Note ? topics[^1] : topics[rng.Next(topics.Count - 1)];
        var product = rng.Pick(DemoCatalog.Products).Name;
        return new DemoInteraction(customer, at, channel, direction,
            topic.Subject.Replace("{p}", product, StringComparison.Ordinal),
            topic.Body.Replace("{p}", product, StringComparison.Ordinal));
    }
}
