#!/usr/bin/env bash
# UNTESTED here (needs Docker): build the students' image for Zero to JupyterHub with repo2docker from
# the repository's binder/ folder (the same environment as Binder), plus nbgitpuller, which the
# students' links need and binder/ does not list. repo2docker images already contain
# jupyterhub-singleuser. Run from a clone of the repository:
#
#   deploy/jupyterhub/z2jh/build-image.sh REGISTRY.EXAMPLE.EDU/two-agendas-course [--push]
#
# then set singleuser.image.name/tag in deploy/jupyterhub/z2jh/config.yaml to what it prints.
# `--no-build --debug` instead of --push prints the generated Dockerfile without Docker.
set -euo pipefail
cd "$(dirname "$0")/../../.."
IMAGE="${1:?usage: build-image.sh IMAGE-NAME [--push | --no-build --debug]}"
shift
TAG="$(git rev-parse --short=12 HEAD)"
NBGITPULLER="${NBGITPULLER:-nbgitpuller==1.3.0}"
jupyter-repo2docker --no-run --user-name jovyan --user-id 1000 \
  --image-name "${IMAGE}:${TAG}" \
  --appendix "RUN python -m pip install --no-cache-dir ${NBGITPULLER} && jupyter server extension list 2>&1 | grep -q nbgitpuller" \
  "$@" .
echo "image: ${IMAGE}:${TAG}"
