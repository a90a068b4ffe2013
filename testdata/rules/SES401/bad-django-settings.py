EMAIL_BACKEND = 'django.core.mail.backends.smtp.EmailBackend'
EMAIL_HOST = 'email-smtp.us-east-1.amazonaws.com'
EMAIL_PORT = 587
EMAIL_USE_TLS = True
EMAIL_HOST_USER = 'AKIAMWPJQ4K4WBTVVEL5'
EMAIL_HOST_PASSWORD = 'BK5BGdVtPJGBAsifQx1udICiB8CK53f5OYaoXzyjYsCW'
