# An official language image: both the interpreter and the Debian its tag
# names are past their end; one finding names both.
# want: DKS2009 warning "Python 3\.7 reached end of life on 2023-06-27 \(https://devguide\.python\.org/versions/\), Debian 10 \(buster\) left Debian LTS on 2024-06-30 .* such as Python 3\.15 and Debian 13 \(trixie\)"
FROM python:3.7-slim-buster
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
CMD ["gunicorn", "app:app"]
