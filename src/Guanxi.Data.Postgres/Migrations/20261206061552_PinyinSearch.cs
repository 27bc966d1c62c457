using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PinyinSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "name_initials",
                table: "customers",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "name_pinyin",
                table: "customers",
                type: "character varying(1200)",
                maxLength: 1200,
                nullable: false,
                defaultValue: "");

            // Pinyin search (decision 0021): the search matches a prefix of the full pinyin or of the initials;
            // text_pattern_ops lets LIKE 'wym%' seek them whatever the database's collation.
            // Existing customers get their pinyin after the upgrade (CustomerPinyinBackfill: the reading table lives in C#).
            migrationBuilder.Sql("CREATE INDEX ix_customers_name_pinyin ON customers (name_pinyin text_pattern_ops);");
            migrationBuilder.Sql("CREATE INDEX ix_customers_name_initials ON customers (name_initials text_pattern_ops);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_customers_name_pinyin;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_customers_name_initials;");
            migrationBuilder.DropColumn(
                name: "name_initials",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "name_pinyin",
                table: "customers");
        }
    }
}
