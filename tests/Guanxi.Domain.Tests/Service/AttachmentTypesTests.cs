using System.Text;
using Guanxi.Domain.Service;

namespace Guanxi.Domain.Tests.Service;

public sealed class AttachmentTypesTests
{
    [Fact]
    public void A_file_is_the_type_its_first_bytes_show_whatever_its_name()
    {
        Assert.Equal(AttachmentTypes.Png, AttachmentTypes.Sniff([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0], "photo.jpg"));
        Assert.Equal(AttachmentTypes.Jpeg, AttachmentTypes.Sniff([0xFF, 0xD8, 0xFF, 0xE0], "photo"));
        Assert.Equal(AttachmentTypes.Pdf, AttachmentTypes.Sniff("%PDF-1.7\n"u8, "invoice.txt"));
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", AttachmentTypes.Sniff("PK\u0003\u0004xx"u8, "账单.XLSX"));
        Assert.Equal("application/msword", AttachmentTypes.Sniff([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0], "old.doc"));
        Assert.Equal(AttachmentTypes.Text, AttachmentTypes.Sniff(Encoding.UTF8.GetBytes("\uFEFF客户说：屏幕碎了\r\n"), "note.txt"));
        Assert.Equal(AttachmentTypes.Text, AttachmentTypes.Sniff("plain ascii\tline\n"u8, "note"));
    }

    [Fact]
    public void Programs_archives_markup_and_binary_are_none_of_the_accepted_types()
    {
        Assert.Null(AttachmentTypes.Sniff("MZ\u0090\0"u8, "setup.pdf"));
        Assert.Null(AttachmentTypes.Sniff("PK\u0003\u0004xx"u8, "archive.zip"));
        Assert.Null(AttachmentTypes.Sniff([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "thing.msi"));
        Assert.Null(AttachmentTypes.Sniff("  <html><script>alert(1)</script>"u8, "note.txt"));
        Assert.Null(AttachmentTypes.Sniff("<svg onload=alert(1)>"u8, "image.txt"));
        Assert.Null(AttachmentTypes.Sniff([0x00, 0x01, 0x02], "data.txt"));
        Assert.Null(AttachmentTypes.Sniff([], "empty.txt"));
    }

    [Fact]
    public void A_declared_type_must_agree_with_the_bytes_unless_it_is_none_or_generic()
    {
        Assert.True(AttachmentTypes.Agrees(null, AttachmentTypes.Png));
        Assert.True(AttachmentTypes.Agrees("application/octet-stream", AttachmentTypes.Pdf));
        Assert.True(AttachmentTypes.Agrees("text/plain; charset=utf-8", AttachmentTypes.Text));
        Assert.True(AttachmentTypes.Agrees("image/jpg", AttachmentTypes.Jpeg));
        Assert.False(AttachmentTypes.Agrees("image/png", AttachmentTypes.Pdf));
        Assert.False(AttachmentTypes.Agrees("text/html", AttachmentTypes.Text));
    }

    [Fact]
    public void A_requests_elapsed_minutes_follow_its_first_response_and_resolution()
    {
        var created = new DateTime(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc);
        var r = new ServiceRequest { CreatedAt = created, Status = ServiceStatus.New };
        Assert.True(r.Transition(ServiceStatus.InProgress, created.AddMinutes(90.5)).Ok);
        Assert.Equal(90, r.FirstResponseMinutes);
        Assert.Null(r.ResolutionMinutes);
        Assert.True(r.Transition(ServiceStatus.Resolved, created.AddHours(5)).Ok);
        Assert.Equal((90, 300), (r.FirstResponseMinutes, r.ResolutionMinutes));
        Assert.True(r.Transition(ServiceStatus.Reopened, created.AddHours(6)).Ok);
        Assert.Equal((90, (int?)null), (r.FirstResponseMinutes, r.ResolutionMinutes));
    }
}
