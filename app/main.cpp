// roi-workbench: the command line when given a subcommand, else the window.
#include "commandline.h"

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char *argv[])
{
    std::vector<std::string> args(argv + 1, argv + argc);
    if (roi::isCommandLine(args))
        return roi::runCommandLine(args, std::cout, std::cerr);
    std::cerr << "roi-workbench: the window is not built yet; see --help\n";
    return roi::ExitUsage;
}
