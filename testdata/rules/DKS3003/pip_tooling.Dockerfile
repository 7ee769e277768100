FROM python:3.12-slim
# Upgrading pip's own toolchain is hygiene (GoogleCloudPlatform's samples,
# kubernetes/test-infra, SeleniumHQ's Video image).
# want: DKS3003 info "pip install without a pinned version: pip"
RUN pip install --no-cache-dir --upgrade pip
# want: DKS3003 info "setuptools, wheel"
RUN pip3 install -U setuptools wheel
# want: DKS3003 info "wheel"
RUN python3 -m pip install --upgrade "setuptools>=70" wheel
# An application package beside them keeps the warning.
# want: DKS3003 warning "pip install without a pinned version: pip, requests"
RUN pip install --upgrade pip requests
# A package whose name starts like pip's is not pip.
# want: DKS3003 warning "pipenv"
RUN pip install pipenv
