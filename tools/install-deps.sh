#!/bin/sh
# Installs the Debian 12 packages ROI Workbench builds, tests and packages with. Run as root.
set -eu
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends \
    build-essential cmake ninja-build ccache pkg-config file dpkg-dev \
    qt6-base-dev qt6-svg-dev qt6-tools-dev libqt6svg6 libgl-dev \
    libqcustomplot-dev nlohmann-json3-dev libxlsxwriter-dev libbenchmark-dev libcsv-dev zlib1g-dev libisal-dev \
    clang libclang-rt-14-dev \
    xvfb xauth imagemagick poppler-utils unzip zip libreoffice-calc-nogui \
    desktop-file-utils appstream strace \
    fonts-dejavu-core \
    postgresql libqt6sql6-psql
