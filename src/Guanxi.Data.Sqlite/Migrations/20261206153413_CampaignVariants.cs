using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CampaignVariants : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "variant_percent",
                table: "campaigns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 50);

            migrationBuilder.AddColumn<long>(
                name: "variant_template_id",
                table: "campaigns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "variant",
                table: "campaign_recipients",
                type: "TEXT",
                maxLength: 1,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_campaigns_variant_template_id",
                table: "campaigns",
                column: "variant_template_id");

            migrationBuilder.AddForeignKey(
                name: "fk_campaigns_message_templates_variant_template_id",
                table: "campaigns",
                column: "variant_template_id",
                principalTable: "message_templates",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_campaigns_message_templates_variant_template_id",
                table: "campaigns");

            migrationBuilder.DropIndex(
                name: "ix_campaigns_variant_template_id",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "variant_percent",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "variant_template_id",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "variant",
                table: "campaign_recipients");
        }
    }
}
