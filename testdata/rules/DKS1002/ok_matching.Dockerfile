FROM golang:1.23 AS build
from alpine:3.20 as final
