using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CustomerCitySort : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The list sorted by city orders by the city with no city as "" (CustomerSearch), an expression no column
            // index serves: at 1M customers each page sorted the whole table. EF does not model expression indexes.
            migrationBuilder.Sql("CREATE INDEX ix_customers_city_sort ON customers ((COALESCE(city, '')), id);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_customers_city_sort;");
        }
    }
}
