const nodemailer = require('nodemailer');

module.exports = nodemailer.createTransport({
  host: 'email-smtp.ca-central-1.amazonaws.com',
  port: 465,
  secure: true,
  auth: { user: 'AKIAWBSOQ4QLEHIP7EYU', pass: 'BMGcPFwMYvvaA3ZhaA6ixq3KQBhIdw6gG4u2ovMxtFjw' },
});
