FROM python:3.12-slim
ENTRYPOINT ["/usr/local/bin/start.sh"]
CMD ["--serve"]
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
CMD Write-Host hello
HEALTHCHECK CMD ["/usr/local/bin/start.sh", "--check"]
HEALTHCHECK NONE
