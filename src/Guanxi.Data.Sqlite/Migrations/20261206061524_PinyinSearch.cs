using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Sqlite.Migrations
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
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "name_pinyin",
                table: "customers",
                type: "TEXT",
                maxLength: 1200,
                nullable: false,
                defaultValue: "");

            // Pinyin search (decision 0021): the search matches a prefix of the full pinyin or of the initials;
            // SQLite's GLOB 'wym*' (case-sensitive, BINARY collation) seeks them.
            // Existing customers get their pinyin after the upgrade (CustomerPinyinBackfill: the reading table lives in C#).
            migrationBuilder.Sql("CREATE INDEX ix_customers_name_pinyin ON customers (name_pinyin);");
            migrationBuilder.Sql("CREATE INDEX ix_customers_name_initials ON customers (name_initials);");
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
