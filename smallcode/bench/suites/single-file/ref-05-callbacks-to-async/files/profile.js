'use strict';

// db.getUser(id, cb), db.getOrders(userId, cb), db.getAddress(addressId, cb) — Node-style callbacks.

function loadProfile(db, id, callback) {
  db.getUser(id, (err, user) => {
    if (err) return callback(err);
    if (!user) return callback(new Error(`user ${id} not found`));
    db.getOrders(user.id, (err2, orders) => {
      if (err2) return callback(err2);
      const total = orders.reduce((sum, order) => sum + order.cents, 0);
      if (!user.addressId) {
        return callback(null, { id: user.id, name: user.name, orderCount: orders.length, totalCents: total, address: null });
      }
      db.getAddress(user.addressId, (err3, address) => {
        if (err3) return callback(err3);
        callback(null, {
          id: user.id,
          name: user.name,
          orderCount: orders.length,
          totalCents: total,
          address: address ? `${address.street}, ${address.city}` : null,
        });
      });
    });
  });
}

function loadProfiles(db, ids, callback) {
  const results = new Array(ids.length);
  let pending = ids.length;
  let failed = false;
  if (pending === 0) return callback(null, []);
  ids.forEach((id, index) => {
    loadProfile(db, id, (err, profile) => {
      if (failed) return;
      if (err) {
        failed = true;
        return callback(err);
      }
      results[index] = profile;
      pending -= 1;
      if (pending === 0) callback(null, results);
    });
  });
}

module.exports = { loadProfile, loadProfiles };
