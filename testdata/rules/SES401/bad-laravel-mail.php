<?php

return [
    'mailers' => [
        'smtp' => [
            'transport' => 'smtp',
            'host' => env('MAIL_HOST', 'email-smtp.eu-west-2.amazonaws.com'),
            'username' => env('MAIL_USERNAME', 'AKIAW7IAQ5BL4I4NMVGD'),
            'password' => env('MAIL_PASSWORD', 'BDmOMukl+CuhZlXebADqTg2cbGBsMQEtGByTPCpOBxEM'),
        ],
    ],
];
