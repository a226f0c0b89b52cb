// Placeholder until the first view lands.
namespace roi { }
