FROM node:22 AS base
WORKDIR /srv
WORKDIR app
FROM base
WORKDIR sub/
FROM mcr.microsoft.com/windows/servercore:ltsc2022
WORKDIR C:\app
WORKDIR "C:\"
FROM alpine:3.20
WORKDIR ${HOME}
