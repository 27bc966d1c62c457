using System.Globalization;
using System.Text;
using Guanxi.Domain.Customers;

namespace Guanxi.Domain.Demo;

public sealed partial class DemoDataGenerator
{
    private const double ReferralShare = 0.12;
    // Share of referrals that go to someone who already referred: preferential attachment gives the heavy tail.
    private const double ReferAgainShare = 0.6;
    private const double DuplicateShare = 0.003;
    private const int RecentForDuplicates = 4096;

    private static readonly double[] SurnameWeights = DemoRandom.Cumulative(DemoCatalog.Surnames, s => s.Weight);
    private static readonly double[] GivenWeights = DemoRandom.Cumulative(DemoCatalog.GivenNameCharacters, s => s.Weight);
    private static readonly double[] CityWeights = DemoRandom.Cumulative(DemoCatalog.Cities, c => c.Weight);
    private static readonly double[] SourceWeights = DemoRandom.Cumulative(DemoCatalog.Sources, s => s.Weight);
    private static readonly string[] EmailDomains = ["example.com", "example.net", "example.org"];

    /// <summary>Customers in creation order, index 0 … N−1.</summary>
    public IEnumerable<DemoCustomer> Customers()
    {
        var rng = new Random(DemoRandom.StreamSeed(_options.Seed, 1));
        // Referrers so far, one entry per referral made: picking from it favours those who already refer.
        var referrals = new List<int>();
        // A ring of recent customers to copy from for deliberate duplicates; bounded, unlike the whole history.
        var recent = new DemoCustomer[Math.Min(RecentForDuplicates, Math.Max(1, _options.Customers))];
        for (var i = 0; i < _options.Customers; i++)
        {
            var customer = NewCustomer(rng, i, referrals, recent);
            recent[i % recent.Length] = customer;
            yield return customer;
        }
    }

    private DemoCustomer NewCustomer(Random rng, int index, List<int> referrals, DemoCustomer[] recent)
    {
        var organisation = _isOrganisation[index];
        var createdAt = At(_createdSecond[index]);
        var city = DemoCatalog.Cities[rng.PickCumulative(CityWeights)];

        int? referredBy = null;
        if (index > 0 && rng.NextDouble() < ReferralShare)
        {
            referredBy = referrals.Count > 0 && rng.NextDouble() < ReferAgainShare ? rng.Pick(referrals) : rng.Next(index);
            referrals.Add(referredBy.Value);
        }

        string name, phone;
        if (organisation)
        {
            var (industry, suffix) = rng.Pick(DemoCatalog.Industries);
            name = string.Concat(city.Name, rng.Pick(DemoCatalog.CompanyWords), suffix, "有限公司");
            phone = rng.NextDouble() < 0.6 ? Landline(rng, city) : Mobile(rng);
            var companyEmail = OrganisationEmail(rng);
            var contacts = new DemoContact[1 + rng.Next(3)];
            for (var k = 0; k < contacts.Length; k++)
            {
                var (contactName, pinyin) = PersonName(rng);
                contacts[k] = new DemoContact(contactName, rng.Pick(DemoCatalog.ContactRoles), Mobile(rng),
                    rng.NextDouble() < 0.7 ? PersonEmail(rng, pinyin) : null, k == 0);
            }
            var size = (CompanySize)(1 + Math.Min(3, (int)(-Math.Log(1 - rng.NextDouble()) * 1.2)));
            // A few organisations are distributors or agents rather than end customers.
            var relationship = rng.NextDouble() < 0.15 ? RelationshipType.Channel : RelationshipType.Enterprise;
            return new DemoCustomer(index, name, CustomerKind.Organisation, relationship,
                Maybe(rng, 0.97, phone), Maybe(rng, 0.85, companyEmail), null,
                city.Province, city.Name, industry, size, Source(rng, referredBy),
                rng.NextDouble() < 0.3 ? _options.Today.AddDays(-365 * 3 - rng.Next(365 * 25)) : null,
                createdAt, rng.NextDouble() < 0.2 ? rng.Pick(DemoCatalog.OrganisationNotes) : null,
                referredBy, Tags(rng, index, DemoCatalog.OrganisationTags), contacts, null);
        }

        var (personName, namePinyin) = PersonName(rng);
        name = personName;
        phone = Mobile(rng);
        // Most people type their number plainly; some add +86 or dashes, as the importers see.
        var style = rng.NextDouble();
        if (style < 0.02) phone = "+86 " + phone;
        else if (style < 0.04) phone = $"{phone[..3]}-{phone[3..7]}-{phone[7..]}";
        var email = PersonEmail(rng, namePinyin);
        int? duplicateOf = null;
        string? finalPhone = Maybe(rng, 0.97, phone);
        string? finalEmail = rng.NextDouble() < 0.68 ? email : null;
        if (index > 0 && rng.NextDouble() < DuplicateShare)
        {
            // The same person registered twice: an earlier (recent) person's name, phone and upper-cased
            // email, copied exactly (missing stays missing) so duplicate detection can match on the keys.
            var earlier = recent[rng.Next(Math.Min(index, recent.Length))];
            if (earlier.Kind == CustomerKind.Person)
            {
                duplicateOf = earlier.Index;
                name = earlier.Name;
                finalPhone = earlier.Phone;
                finalEmail = earlier.Email?.ToUpperInvariant();
            }
        }
        return new DemoCustomer(index, name, CustomerKind.Person,
            rng.NextDouble() < 0.01 ? RelationshipType.Channel : RelationshipType.Ordinary,
            finalPhone, finalEmail,
            rng.NextDouble() < 0.4 ? WeChatId(rng, namePinyin) : null,
            rng.NextDouble() < 0.98 ? city.Province : null, city.Name, null, CompanySize.Unknown,
            Source(rng, referredBy),
            rng.NextDouble() < 0.4 ? _options.Today.AddDays(-365 * 18 - rng.Next(365 * 50)) : null,
            createdAt, rng.NextDouble() < 0.1 ? rng.Pick(DemoCatalog.PersonNotes) : null,
            referredBy, Tags(rng, index, DemoCatalog.PersonTags), [], duplicateOf);
    }

    private static string? Maybe(Random rng, double share, string value) => rng.NextDouble() < share ? value : null;

    private static string Source(Random rng, int? referredBy) =>
        referredBy is not null ? "转介绍" : DemoCatalog.Sources[rng.PickCumulative(SourceWeights)].Source;

    /// <summary>Chinese name and its pinyin (given name then surname, as email local parts are usually written).</summary>
    private static (string Name, string Pinyin) PersonName(Random rng)
    {
        var surname = DemoCatalog.Surnames[rng.PickCumulative(SurnameWeights)];
        var first = DemoCatalog.GivenNameCharacters[rng.PickCumulative(GivenWeights)];
        if (rng.NextDouble() < 0.3) return (surname.Text + first.Text, first.Pinyin + "." + surname.Pinyin);
        var second = DemoCatalog.GivenNameCharacters[rng.PickCumulative(GivenWeights)];
        return (surname.Text + first.Text + second.Text, first.Pinyin + second.Pinyin + "." + surname.Pinyin);
    }

    private static string Mobile(Random rng) =>
        rng.Pick(DemoCatalog.MobilePrefixes) + rng.Next(100_000_000).ToString("D8", CultureInfo.InvariantCulture);

    /// <summary>A landline with the city's area code, e.g. 021-62345678; local numbers do not start with 0 or 1.</summary>
    private static string Landline(Random rng, DemoCity city) =>
        city.AreaCode + "-" + (2 + rng.Next(8)).ToString(CultureInfo.InvariantCulture)
        + rng.Next(10_000_000).ToString("D7", CultureInfo.InvariantCulture);

    private static string PersonEmail(Random rng, string pinyin)
    {
        var local = rng.NextDouble() < 0.5
            ? pinyin + rng.Next(100).ToString(CultureInfo.InvariantCulture)
            : pinyin.Replace(".", "", StringComparison.Ordinal);
        return local + "@" + rng.Pick(EmailDomains);
    }

    private static string OrganisationEmail(Random rng) =>
        rng.Pick((string[])["sales", "info", "purchase", "service", "admin"])
        + rng.Next(10_000).ToString(CultureInfo.InvariantCulture) + "@" + rng.Pick(EmailDomains);

    private static string WeChatId(Random rng, string pinyin)
    {
        if (rng.NextDouble() < 0.5) return pinyin.Replace(".", "_", StringComparison.Ordinal) + rng.Next(1000).ToString(CultureInfo.InvariantCulture);
        var id = new StringBuilder("wxid_", 15);
        for (var k = 0; k < 10; k++) id.Append("abcdefghijklmnopqrstuvwxyz0123456789"[rng.Next(36)]);
        return id.ToString();
    }

    /// <summary>Zero to two tags; big buyers are far more likely to be marked VIP.</summary>
    private List<string> Tags(Random rng, int index, IReadOnlyList<string> vocabulary)
    {
        var tags = new List<string>(2);
        if (_orderCount[index] >= 30 && rng.NextDouble() < 0.5) tags.Add("VIP");
        var extra = rng.NextDouble() < 0.5 ? 0 : 1 + rng.Next(2);
        for (var k = 0; k < extra; k++)
        {
            var tag = rng.Pick(vocabulary);
            if (!tags.Contains(tag)) tags.Add(tag);
        }
        return tags;
    }
}
